package dev.breakglass.store.redis;

/**
 * {@link RedisConsumedKeysTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterConsumedKeysTests extends RedisConsumedKeysTests {

}
