package dev.breakglass.store;

/**
 * An {@link AuditEntry} as the audit trail keeps it: its place in the trail, the hash of
 * the record before it and its own hash, an HMAC-SHA-256 of all of these under a key
 * derived from {@code break-glass.secret}. Editing, deleting, inserting or reordering a
 * record breaks the chain at that record, and without the key no one can write a record
 * that fits.
 *
 * @param sequence its place, from 1
 * @param entry what it records
 * @param previousHash the hash of record {@code sequence - 1}, or
 * {@link AuditChain#GENESIS} for the first
 * @param hash its own hash, 64 lowercase hexadecimal characters
 */
public record AuditRecord(long sequence, AuditEntry entry, String previousHash, String hash) {

}
