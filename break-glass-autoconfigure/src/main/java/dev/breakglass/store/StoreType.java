package dev.breakglass.store;

/**
 * Backends a store can use, chosen with {@code break-glass.store} or a per-store
 * {@code break-glass.<store>.store}.
 */
public enum StoreType {

	/**
	 * In this JVM only: fast, but each node has its own secrets and a restart loses them.
	 */
	MEMORY,

	/**
	 * PostgreSQL through JPA: shared by every node on the database.
	 */
	JPA,

	/**
	 * Redis: shared by every node on the Redis server or cluster.
	 */
	REDIS

}
