package dev.breakglass.store;

/**
 * What a one-time token is for. A token is only ever redeemed for the kind it was issued
 * as.
 */
public enum TokenKind {

	PASSWORD_RESET, MAGIC_LINK, EMAIL_VERIFICATION, EMAIL_OTP

}
