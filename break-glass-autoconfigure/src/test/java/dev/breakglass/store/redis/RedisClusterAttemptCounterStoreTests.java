package dev.breakglass.store.redis;

/**
 * The attempt counter store's contract on a Redis Cluster: each counter is one key, so
 * its script runs on the one master that holds it.
 */
@OnRedisCluster
class RedisClusterAttemptCounterStoreTests extends RedisAttemptCounterStoreTests {

}
