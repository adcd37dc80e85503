package com.conecta.connectors.webform;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short codes like "CNT-7K3Q9" that tie a web-form submission to a later WhatsApp message. */
public final class ReferenceCode {
  // No 0/O, 1/I/L, U/V: people copy these codes by hand from a thank-you page.
  static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
  private static final Pattern FIND = Pattern.compile("\\b([A-Z]{3})-([" + ALPHABET + "]{5})\\b");
  private final RandomGenerator random;

  public ReferenceCode() {
    this(new SecureRandom());
  }

  public ReferenceCode(RandomGenerator random) {
    this.random = random;
  }

  /** A new code with a three-letter prefix (e.g. "CNT" for contact, "COT" for quote). */
  public String generate(String prefix) {
    StringBuilder sb = new StringBuilder(prefix.toUpperCase()).append('-');
    for (int i = 0; i < 5; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    return sb.toString();
  }

  /** The first reference code in a free text, tolerant of lower case. */
  public static Optional<String> findIn(String text) {
    if (text == null) return Optional.empty();
    Matcher m = FIND.matcher(text.toUpperCase());
    return m.find() ? Optional.of(m.group(1) + "-" + m.group(2)) : Optional.empty();
  }
}
