package dev.breakglass.store.redis;

/**
 * {@link RedisCorruptedValueTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterCorruptedValueTests extends RedisCorruptedValueTests {

}
