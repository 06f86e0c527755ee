package dev.breakglass.store.redis;

/**
 * Two-person approval on two nodes of a Redis Cluster.
 */
@OnRedisCluster
class RedisClusterApprovalAndDrillTests extends RedisApprovalAndDrillTests {

}
