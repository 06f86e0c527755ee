package dev.breakglass.store.redis;

/**
 * {@link RedisBreakGlassTokenStoreTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterBreakGlassTokenStoreTests extends RedisBreakGlassTokenStoreTests {

}
