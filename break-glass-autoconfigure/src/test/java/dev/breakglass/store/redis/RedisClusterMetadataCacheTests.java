package dev.breakglass.store.redis;

/**
 * {@link RedisMetadataCacheTests} again, on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterMetadataCacheTests extends RedisMetadataCacheTests {

}
