package dev.breakglass.store.redis;

/**
 * {@link RedisAuthorizationCodeStoreTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterAuthorizationCodeStoreTests extends RedisAuthorizationCodeStoreTests {

}
