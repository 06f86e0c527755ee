package dev.breakglass.store.redis;

/**
 * The audit trail store's contract on a Redis Cluster: the trail is one key, so its
 * compare-and-append script runs on the one master that holds it.
 */
@OnRedisCluster
class RedisClusterAuditTrailStoreTests extends RedisAuditTrailStoreTests {

}
