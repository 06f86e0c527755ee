package dev.breakglass.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.util.Assert;

/**
 * What {@link AuthorizationCodeStore#redeem} found: the code, to exactly one caller; the
 * tombstone a first redemption left, to every later one until the code's expiry; or
 * nothing. None of them repeats a code hash or grant data in its {@code toString}.
 */
public sealed interface Redemption permits Redemption.Redeemed, Redemption.AlreadyRedeemed, Redemption.Unknown {

	/**
	 * The code was live and this call redeemed it: no other call ever gets it.
	 *
	 * @param code the code as it was stored
	 */
	record Redeemed(AuthorizationCode code) implements Redemption {

		public Redeemed {
			Assert.notNull(code, "code must not be null");
		}

	}

	/**
	 * The code was redeemed before (RFC 6749 4.1.2: a code presented twice), so whatever
	 * its first redemption granted should be revoked.
	 *
	 * @param data what the code granted, as it was stored, so that the caller can find
	 * what it issued
	 * @param redeemedAt when it was first redeemed, to the millisecond
	 */
	record AlreadyRedeemed(String data, Instant redeemedAt) implements Redemption {

		public AlreadyRedeemed {
			Assert.notNull(data, "data must not be null");
			Assert.notNull(redeemedAt, "redeemedAt must not be null");
			redeemedAt = redeemedAt.truncatedTo(ChronoUnit.MILLIS);
		}

		@Override
		public String toString() {
			return "AlreadyRedeemed[redeemedAt=" + this.redeemedAt + "]";
		}

	}

	/**
	 * No such code: never stored, taken, or its tombstone gone with its expiry.
	 */
	record Unknown() implements Redemption {

	}

}
