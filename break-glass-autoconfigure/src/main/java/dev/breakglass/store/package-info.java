/**
 * The five stores of short-lived, single-use secrets, their value types and the decisions
 * every backend shares: secret formats and hashing ({@link dev.breakglass.store.Secrets},
 * {@link dev.breakglass.store.SecretHasher}), the OTP verify rule
 * ({@link dev.breakglass.store.PendingOtp}) and the input limits
 * ({@link dev.breakglass.store.StoreLimits}).
 * <p>
 * Each interface has one class per backend and one contract suite that every backend's
 * tests extend; the jpa class owns its table and the redis class its key:
 * <table>
 * <caption>Stores at a glance</caption>
 * <tr>
 * <th>interface</th>
 * <th>memory, jpa, redis</th>
 * <th>contract suite</th>
 * <th>jpa table</th>
 * <th>Redis key</th>
 * </tr>
 * <tr>
 * <td>{@link dev.breakglass.store.BreakGlassTokenStore}</td>
 * <td>{@code InMemory-}, {@code Jpa-}, {@code RedisBreakGlassTokenStore}</td>
 * <td>{@code AbstractBreakGlassTokenStoreContractTests}</td>
 * <td>{@code break_glass_session_token}</td>
 * <td>{@code <prefix>session-token}</td>
 * </tr>
 * <tr>
 * <td>{@link dev.breakglass.store.OtpStore}</td>
 * <td>{@code InMemory-}, {@code Jpa-}, {@code RedisOtpStore}</td>
 * <td>{@code AbstractOtpStoreContractTests}</td>
 * <td>{@code break_glass_otp}</td>
 * <td>{@code <prefix>otp}</td>
 * </tr>
 * <tr>
 * <td>{@link dev.breakglass.store.AuthorizationCodeStore}</td>
 * <td>{@code InMemory-}, {@code Jpa-}, {@code RedisAuthorizationCodeStore}</td>
 * <td>{@code AbstractAuthorizationCodeStoreContractTests}</td>
 * <td>{@code break_glass_authorization_code}</td>
 * <td>{@code <prefix>code:<sha256>}</td>
 * </tr>
 * <tr>
 * <td>{@link dev.breakglass.store.MetadataCache}</td>
 * <td>{@code InMemory-}, {@code Jpa-}, {@code RedisMetadataCache}</td>
 * <td>{@code AbstractMetadataCacheContractTests}</td>
 * <td>{@code break_glass_metadata_cache}</td>
 * <td>{@code <prefix>metadata:<sha256>}</td>
 * </tr>
 * <tr>
 * <td>{@link dev.breakglass.store.OneTimeTokenStore}</td>
 * <td>{@code InMemory-}, {@code Jpa-}, {@code RedisOneTimeTokenStore}</td>
 * <td>{@code AbstractOneTimeTokenStoreContractTests}</td>
 * <td>{@code break_glass_one_time_token}</td>
 * <td>{@code <prefix>ott:<sha256>}</td>
 * </tr>
 * </table>
 */
@NullMarked
package dev.breakglass.store;

import org.jspecify.annotations.NullMarked;
