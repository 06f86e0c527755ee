package dev.breakglass.service;

/**
 * {@link BreakGlassService#approve} refused: no OTP was generated or sent. The token is
 * spent all the same, unless it was unknown. The message never holds the token.
 */
public class ApprovalRefusedException extends RuntimeException {

	private final ApprovalRefusal refusal;

	ApprovalRefusedException(ApprovalRefusal refusal) {
		super("Break-glass approval refused: " + refusal);
		this.refusal = refusal;
	}

	/**
	 * Why.
	 * @return the refusal
	 */
	public ApprovalRefusal refusal() {
		return this.refusal;
	}

}
