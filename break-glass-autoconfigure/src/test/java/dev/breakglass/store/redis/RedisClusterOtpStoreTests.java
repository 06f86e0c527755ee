package dev.breakglass.store.redis;

/**
 * {@link RedisOtpStoreTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterOtpStoreTests extends RedisOtpStoreTests {

}
