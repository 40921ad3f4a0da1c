package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcException;

/** Phone numbers as login takes them: {@code +}, spaces stripped, then 5..15 digits (E.164 has at most 15). */
public final class Phones {

    private static final int MAX_INPUT_LENGTH = 32;

    private Phones() {
    }

    /** The digits of {@code phone}, or {@code 400 PHONE_NUMBER_INVALID}. */
    public static String normalize(String phone) {
        if (phone == null || phone.length() > MAX_INPUT_LENGTH) {
            throw RpcException.badRequest("PHONE_NUMBER_INVALID");
        }
        StringBuilder digits = new StringBuilder(15);
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != '+' && c != ' ') {
                throw RpcException.badRequest("PHONE_NUMBER_INVALID");
            }
        }
        if (digits.length() < 5 || digits.length() > 15 || digits.charAt(0) == '0') {
            throw RpcException.badRequest("PHONE_NUMBER_INVALID");
        }
        return digits.toString();
    }
}
