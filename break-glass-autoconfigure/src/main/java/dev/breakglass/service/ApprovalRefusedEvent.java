package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * {@link BreakGlassService#approve} refused an approval. {@link #principal()} is who
 * tried to approve; the request is the one the token was for, or {@code null} when the
 * token was unknown.
 */
public final class ApprovalRefusedEvent extends BreakGlassEvent {

	private final ApprovalRefusal refusal;

	ApprovalRefusedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			@Nullable BreakGlassRequest request, ApprovalRefusal refusal) {
		super(source, timestamp, principal, request);
		this.refusal = refusal;
	}

	/**
	 * Why.
	 * @return the refusal
	 */
	public ApprovalRefusal refusal() {
		return this.refusal;
	}

	@Override
	protected String details() {
		return "refusal=" + this.refusal;
	}

}
