package dev.breakglass.service;

/**
 * Why {@link BreakGlassService#approve} refused an approval.
 */
public enum ApprovalRefusal {

	/**
	 * The token is malformed, unknown or was presented before.
	 */
	UNKNOWN,

	/**
	 * The request waited longer than {@code break-glass.approval.timeout}.
	 */
	EXPIRED,

	/**
	 * The approver is the requester: nobody approves their own request.
	 */
	SELF_APPROVAL

}
