package dev.breakglass.store.redis;

/**
 * {@link RedisKeyLayoutTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterKeyLayoutTests extends RedisKeyLayoutTests {

}
