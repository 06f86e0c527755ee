package dev.breakglass.store.redis;

/**
 * {@link RedisTwoNodesTests} again, with both nodes on a Redis Cluster of three masters.
 */
@OnRedisCluster
class RedisClusterTwoNodesTests extends RedisTwoNodesTests {

}
