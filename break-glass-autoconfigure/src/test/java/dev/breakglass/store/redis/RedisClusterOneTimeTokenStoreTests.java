package dev.breakglass.store.redis;

/**
 * {@link RedisOneTimeTokenStoreTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterOneTimeTokenStoreTests extends RedisOneTimeTokenStoreTests {

}
