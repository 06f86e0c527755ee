package dev.breakglass.store.jpa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassJpaAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassSchemaMigration;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import dev.breakglass.store.TokenKind;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * The starter's own migrations, each test on a fresh schema.
 */
class JpaSchemaMigrationTests {

	private final PostgresTestServer.Server server = PostgresTestServer.get();

	private final String schema = this.server.createSchema("migration");

	private final JdbcTemplate jdbc = new JdbcTemplate(
			new DriverManagerDataSource(this.server.url(this.schema), this.server.username(), this.server.password()));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
				BreakGlassJpaAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.server.url(this.schema),
				"spring.datasource.username=" + this.server.username(),
				"spring.datasource.password=" + this.server.password(), "break-glass.store=jpa",
				"break-glass.secret=" + JpaDatabase.SECRET, "break-glass.otp.log-otp=true");

	@AfterEach
	void dropSchema() {
		this.server.dropSchema(this.schema);
	}

	@Test
	void migrationsCreateEveryTableOnAnEmptySchemaAndReapplyingIsANoOp() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(BreakGlassSchemaMigration.class).migrationsExecuted())
				.isEqualTo(shippedMigrations().size());
			assertThat(tables()).containsExactlyInAnyOrder("break_glass_attempt_counter", "break_glass_audit",
					"break_glass_authorization_code", "break_glass_metadata_cache", "break_glass_one_time_token",
					"break_glass_otp", "break_glass_schema_history", "break_glass_session_token");
		});
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(BreakGlassSchemaMigration.class).migrationsExecuted()).isZero();
			assertThat(context.getBean(OtpStore.class).generate(ATTRIBUTION)).hasSize(6);
		});
	}

	@Test
	void migrationsLeaveTheApplicationsTablesAlone() {
		this.jdbc.execute("CREATE TABLE app_orders (id int PRIMARY KEY)");
		this.jdbc.execute("INSERT INTO app_orders VALUES (1)");
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(BreakGlassSchemaMigration.class).migrationsExecuted())
				.isEqualTo(shippedMigrations().size());
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM app_orders", Integer.class)).isOne();
			assertThat(tables()).contains("app_orders", "break_glass_otp");
		});
	}

	@Test
	void whenMigrateIsFalseNothingIsCreatedAndTheShippedSqlIsWhatToApply() throws Exception {
		this.contextRunner.withPropertyValues("break-glass.jpa.migrate=false").run((context) -> {
			assertThat(context).doesNotHaveBean(BreakGlassSchemaMigration.class);
			assertThat(tables()).isEmpty();
		});
		for (Resource migration : shippedMigrations()) {
			this.jdbc.execute(migration.getContentAsString(StandardCharsets.UTF_8));
		}
		this.contextRunner.withPropertyValues("break-glass.jpa.migrate=false").run((context) -> {
			assertThat(context.getBean(OtpStore.class).generate(ATTRIBUTION)).hasSize(6);
			AuthorizationCodeStore codes = context.getBean(AuthorizationCodeStore.class);
			codes.put(new AuthorizationCode("h", "data", Instant.now().plusSeconds(60)));
			assertThat(codes.redeem("h")).isInstanceOf(Redemption.Redeemed.class);
		});
	}

	/**
	 * The shipped SQL files, in the order Flyway applies them.
	 */
	private static List<Resource> shippedMigrations() throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver()
			.getResources(BreakGlassSchemaMigration.LOCATION + "/V*__*.sql");
		return Stream.of(found)
			.sorted(Comparator.comparingInt(
					(Resource migration) -> Integer.parseInt(migration.getFilename().replaceAll("^V(\\d+)__.*", "$1"))))
			.toList();
	}

	@Test
	void everyVarcharWidthOfTheShippedMigrationsIsTheLimitTheStoresCheck() {
		this.contextRunner.run((context) -> {
			int sha256Hex = Secrets.sha256("").length();
			int hmacHex = new SecretHasher(new byte[] { 1 }).hash("").length();
			int longestKind = Stream.of(TokenKind.values())
				.mapToInt((kind) -> kind.name().length())
				.max()
				.orElseThrow();
			assertThat(varcharWidths()).as("a new varchar column needs its limit in StoreLimits and here")
				.containsOnlyKeys(JpaBreakGlassTokenStore.TABLE + ".token_hash", JpaOtpStore.TABLE + ".code_hash",
						JpaAuthorizationCodeStore.TABLE + ".code_hash", JpaMetadataCache.TABLE + ".url",
						JpaOneTimeTokenStore.TABLE + ".token_hash", JpaOneTimeTokenStore.TABLE + ".kind",
						JpaOneTimeTokenStore.TABLE + ".subject", JpaOtpStore.TABLE + ".requester",
						JpaOtpStore.TABLE + ".reason", JpaBreakGlassTokenStore.TABLE + ".requester",
						JpaBreakGlassTokenStore.TABLE + ".reason",
						JpaBreakGlassTokenStore.TABLE + ".previous_requester",
						JpaBreakGlassTokenStore.TABLE + ".previous_reason",
						JpaAttemptCounterStore.TABLE + ".counter_key", JpaOtpStore.TABLE + ".owner",
						JpaAuditTrailStore.TABLE + ".type", JpaAuditTrailStore.TABLE + ".principal",
						JpaAuditTrailStore.TABLE + ".requester", JpaAuditTrailStore.TABLE + ".reason")
				.containsEntry(JpaAuditTrailStore.TABLE + ".type", AuditEntry.MAX_TYPE_LENGTH)
				.containsEntry(JpaAuditTrailStore.TABLE + ".principal", Attribution.MAX_REQUESTER_LENGTH)
				.containsEntry(JpaAuditTrailStore.TABLE + ".requester", Attribution.MAX_REQUESTER_LENGTH)
				.containsEntry(JpaAuditTrailStore.TABLE + ".reason", Attribution.MAX_REASON_LENGTH)
				.containsEntry(JpaOtpStore.TABLE + ".owner", Attribution.MAX_REQUESTER_LENGTH)
				.containsEntry(JpaOtpStore.TABLE + ".requester", Attribution.MAX_REQUESTER_LENGTH)
				.containsEntry(JpaOtpStore.TABLE + ".reason", Attribution.MAX_REASON_LENGTH)
				.containsEntry(JpaBreakGlassTokenStore.TABLE + ".requester", Attribution.MAX_REQUESTER_LENGTH)
				.containsEntry(JpaBreakGlassTokenStore.TABLE + ".reason", Attribution.MAX_REASON_LENGTH)
				.containsEntry(JpaBreakGlassTokenStore.TABLE + ".previous_requester", Attribution.MAX_REQUESTER_LENGTH)
				.containsEntry(JpaBreakGlassTokenStore.TABLE + ".previous_reason", Attribution.MAX_REASON_LENGTH)
				.containsEntry(JpaAttemptCounterStore.TABLE + ".counter_key", sha256Hex)
				.containsEntry(JpaBreakGlassTokenStore.TABLE + ".token_hash", hmacHex)
				.containsEntry(JpaOtpStore.TABLE + ".code_hash", hmacHex)
				.containsEntry(JpaAuthorizationCodeStore.TABLE + ".code_hash", StoreLimits.MAX_CODE_HASH_LENGTH)
				.containsEntry(JpaMetadataCache.TABLE + ".url", StoreLimits.MAX_URL_LENGTH)
				.containsEntry(JpaOneTimeTokenStore.TABLE + ".token_hash", sha256Hex)
				.containsEntry(JpaOneTimeTokenStore.TABLE + ".subject", StoreLimits.MAX_SUBJECT_LENGTH);
			assertThat(varcharWidths().get(JpaOneTimeTokenStore.TABLE + ".kind")).isGreaterThanOrEqualTo(longestKind);
		});
	}

	private Map<String, Integer> varcharWidths() {
		Map<String, Integer> widths = new HashMap<>();
		this.jdbc.query(
				"""
						SELECT table_name, column_name, character_maximum_length FROM information_schema.columns
						WHERE table_schema = ? AND data_type = 'character varying' AND table_name <> 'break_glass_schema_history'
						""",
				(row) -> {
					widths.put(row.getString(1) + "." + row.getString(2), row.getInt(3));
				}, this.schema);
		return widths;
	}

	private List<String> tables() {
		return this.jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
				String.class, this.schema);
	}

}
