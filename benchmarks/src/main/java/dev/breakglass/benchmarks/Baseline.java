package dev.breakglass.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * What each backend wraps, with nothing of ours around it: the same write and the same
 * consuming read on the same table shape or key, through the same pool or connection
 * factory.
 */
interface Baseline {

	Object putTake(String key);

	Object putRedeem(String key);

	Object issueConsume(String key);

	Object generateVerify(String key);

	/**
	 * A bare {@link ConcurrentHashMap} put and remove; for redeem, put and replace, and
	 * the tombstone of the 1024th redemption before on the same thread removed, so that
	 * tombstones do not pile up.
	 */
	final class Memory implements Baseline {

		private static final int KEPT_TOMBSTONES = 1024;

		private final Map<String, Object> map = new ConcurrentHashMap<>();

		private final ThreadLocal<Tombstones> tombstones = ThreadLocal.withInitial(Tombstones::new);

		@Override
		public Object putTake(String key) {
			this.map.put(key, key);
			return this.map.remove(key);
		}

		@Override
		public Object putRedeem(String key) {
			this.map.put(key, key);
			Object redeemed = this.map.replace(key, key, "redeemed") ? key : null;
			String expired = this.tombstones.get().add(key);
			if (expired != null) {
				this.map.remove(expired);
			}
			return redeemed;
		}

		@Override
		public Object issueConsume(String key) {
			return putTake(key);
		}

		@Override
		public Object generateVerify(String key) {
			return putTake(key);
		}

		private static final class Tombstones {

			private final String[] keys = new String[KEPT_TOMBSTONES];

			private int next;

			/**
			 * Remember a tombstone's key.
			 * @return the key it pushes out, or {@code null}
			 */
			String add(String key) {
				String expired = this.keys[this.next];
				this.keys[this.next] = key;
				this.next = (this.next + 1) % KEPT_TOMBSTONES;
				return expired;
			}

		}

	}

	/**
	 * Plain JDBC in auto-commit: an INSERT, then one DELETE ... RETURNING.
	 */
	final class Jdbc implements Baseline {

		private final DataSource dataSource;

		Jdbc(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		@Override
		public Object putTake(String key) {
			return run(key,
					"INSERT INTO break_glass_authorization_code (code_hash, data, expires_at) VALUES (?, '"
							+ Benchmarks.CODE_DATA + "', ?)",
					"DELETE FROM break_glass_authorization_code WHERE code_hash = ? RETURNING data, expires_at", true);
		}

		@Override
		public Object putRedeem(String key) {
			return run(key,
					"INSERT INTO break_glass_authorization_code (code_hash, data, expires_at) VALUES (?, '"
							+ Benchmarks.CODE_DATA + "', ?)",
					"UPDATE break_glass_authorization_code SET redemptions = LEAST(redemptions + 1, 2), "
							+ "redeemed_at = COALESCE(redeemed_at, statement_timestamp()) WHERE code_hash = ? "
							+ "AND (redemptions = 0 OR expires_at > statement_timestamp()) "
							+ "RETURNING redemptions, data, expires_at, redeemed_at",
					true);
		}

		@Override
		public Object issueConsume(String key) {
			return run(key, "INSERT INTO break_glass_one_time_token (token_hash, kind, subject, expires_at) "
					+ "VALUES (?, 'MAGIC_LINK', 'alice@example.com', statement_timestamp() + INTERVAL '15 minutes')",
					"DELETE FROM break_glass_one_time_token WHERE token_hash = ? "
							+ "RETURNING kind, subject, expires_at > statement_timestamp()",
					false);
		}

		@Override
		public Object generateVerify(String key) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (PreparedStatement insert = connection
					.prepareStatement("INSERT INTO break_glass_otp (owner, code_hash, expires_at, requester, reason) "
							+ "VALUES ('', ?, statement_timestamp() + INTERVAL '10 minutes', ?, ?) ON CONFLICT (owner) "
							+ "DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, "
							+ "requester = excluded.requester, reason = excluded.reason")) {
					insert.setString(1, key);
					insert.setString(2, Benchmarks.ATTRIBUTION.requester());
					insert.setString(3, Benchmarks.ATTRIBUTION.reason());
					insert.executeUpdate();
				}
				try (PreparedStatement delete = connection.prepareStatement(
						"DELETE FROM break_glass_otp WHERE owner = '' RETURNING code_hash, expires_at, statement_timestamp()");
						ResultSet rows = delete.executeQuery()) {
					return rows.next() ? rows.getString(1) : null;
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private Object run(String key, String insertSql, String deleteSql, boolean withExpiry) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
					insert.setString(1, key);
					if (withExpiry) {
						insert.setTimestamp(2, Timestamp.from(Instant.now().plusSeconds(300)));
					}
					insert.executeUpdate();
				}
				try (PreparedStatement delete = connection.prepareStatement(deleteSql)) {
					delete.setString(1, key);
					try (ResultSet rows = delete.executeQuery()) {
						return rows.next() ? rows.getString(1) : null;
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Plain Spring Data Redis: SET ... PX, then EVALSHA of a GET+DEL script, or of the
	 * redeem script (GET, then SET ... KEEPTTL of the tombstone).
	 */
	final class Redis implements Baseline {

		private static final RedisScript<String> GET_DEL = RedisScript.of("""
				local value = redis.call('GET', KEYS[1])
				if value then redis.call('DEL', KEYS[1]) end
				return value
				""", String.class);

		private static final RedisScript<String> REDEEM = RedisScript.of("""
				local value = redis.call('GET', KEYS[1])
				if value and string.sub(value, 1, #ARGV[1]) == ARGV[1] then
					redis.call('SET', KEYS[1], ARGV[2] .. string.sub(value, #ARGV[1]) .. ARGV[3], 'KEEPTTL')
				end
				return value
				""", String.class);

		private final StringRedisTemplate redis;

		private final String prefix;

		Redis(StringRedisTemplate redis, String prefix) {
			this.redis = redis;
			this.prefix = prefix;
		}

		@Override
		public Object putTake(String key) {
			return setAndTake(this.prefix + "raw:code:" + key, Benchmarks.CODE_DATA, 300_000);
		}

		@Override
		public Object putRedeem(String key) {
			String codeKey = this.prefix + "raw:code:" + key;
			this.redis.opsForValue().set(codeKey, "v1;" + Benchmarks.CODE_DATA, 300_000, TimeUnit.MILLISECONDS);
			return this.redis.execute(REDEEM, List.of(codeKey), "v1;", "r1", ";13:" + System.currentTimeMillis());
		}

		@Override
		public Object issueConsume(String key) {
			return setAndTake(this.prefix + "raw:ott:" + key, "v1:MAGIC_LINK:alice@example.com", 900_000);
		}

		@Override
		public Object generateVerify(String key) {
			return setAndTake(this.prefix + "raw:otp", key, 600_000);
		}

		private Object setAndTake(String key, String value, long ttlMillis) {
			this.redis.opsForValue().set(key, value, ttlMillis, TimeUnit.MILLISECONDS);
			return this.redis.execute(GET_DEL, List.of(key));
		}

	}

}
