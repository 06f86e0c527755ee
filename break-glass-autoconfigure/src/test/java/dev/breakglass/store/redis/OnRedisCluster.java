package dev.breakglass.store.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a redis test class against the Redis Cluster of {@link RedisTestCluster} instead
 * of the single server: its {@link RedisTestKeys} connect there. A subclass of a redis
 * test class that carries it runs every inherited test a second time, on the cluster.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnRedisCluster {

}
