package dev.breakglass.store.redis;

/**
 * The attacker with one login against two nodes on a Redis Cluster.
 */
@OnRedisCluster
class RedisClusterAttackerTests extends RedisAttackerTests {

}
