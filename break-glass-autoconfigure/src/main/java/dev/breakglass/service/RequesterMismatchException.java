package dev.breakglass.service;

/**
 * Thrown when the signed-in principal is not the requester: a request naming someone
 * else, or an OTP asked for by someone else. Nothing was generated, sent or issued; a
 * {@link RequesterMismatchEvent} records both names. The message names neither, so that
 * it can be shown to the caller.
 */
public class RequesterMismatchException extends RuntimeException {

	private final String principal;

	private final String requester;

	public RequesterMismatchException(String principal, String requester) {
		super("Break-glass refused: the requester must be the signed-in principal");
		this.principal = principal;
		this.requester = requester;
	}

	/**
	 * Who was signed in.
	 * @return the principal's name
	 */
	public String principal() {
		return this.principal;
	}

	/**
	 * Whom the request or the OTP named.
	 * @return the requester
	 */
	public String requester() {
		return this.requester;
	}

}
