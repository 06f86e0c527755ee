package dev.breakglass.store.redis;

/**
 * {@link RedisSpentMarkerTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterSpentMarkerTests extends RedisSpentMarkerTests {

}
