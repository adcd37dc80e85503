package com.conecta.hub.foundation.web;

import com.conecta.hub.support.Fixtures;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bodies the bad-input tests send: hostile ones made to a recipe (deeply nested, 10 MB, invalid UTF-8), valid
 * webhooks to start from, and the seeded fuzzer's mutations of a valid body (bytes flipped, cut, duplicated, tokens
 * that parsers choke on put in, strings and numbers swapped for them, the whole wrapped in brackets).
 */
final class HostileBodies {
  private static final List<byte[]> TOKENS = List.of(utf8("\""), utf8("\\"), utf8("{"), utf8("}"), utf8("["), utf8("]"),
      utf8(":"), utf8(","), utf8("null"), utf8("true"), utf8("1e999"), utf8("-0"), utf8("99999999999999999999999999"),
      utf8("\"\\u0000\""), utf8("\"\\ud800\""), new byte[] {(byte) 0xff, (byte) 0xfe}, new byte[] {(byte) 0xc3, 0x28},
      utf8("\"' OR '1'='1' --\""), utf8("\"'; drop table messages; --\""), utf8("\"<script>alert(1)</script>\""),
      utf8("\"../../../../etc/passwd\""), utf8("%00"), utf8("%ZZ"), utf8("&=&="), utf8("\"${jndi:ldap://x/a}\""),
      utf8("\"" + "x".repeat(70_000) + "\""), utf8("\"\\uD83D\\uDE00\""), utf8("0.0000000000000000000001"),
      utf8("-9223372036854775809"), utf8("\"2026-13-45T99:99:99Z\""));
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(\\.\\d+)?");

  private HostileBodies() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] nested(int depth) {
    return utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
  }

  static byte[] tenMegabytes(String prefix) {
    return utf8(prefix + "x".repeat(10 * 1024 * 1024) + "\"}");
  }

  static byte[] withInvalidUtf8(String before, String after) {
    Buffer b = Buffer.buffer(before).appendBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe})
        .appendString(after);
    return b.getBytes();
  }

  static String waText(String phoneNumberId, String messageId, String text) {
    return new String(Fixtures.bytes("whatsapp-cloud/inbound/text.json"), StandardCharsets.UTF_8)
        .replace("409552778964973", phoneNumberId)
        .replace("wamid.nBgN6TUyN2k5NzAzM5kzNhUCABI8FDNFQjAxQkE5REI4NEUzQ5Y5QTNgAA==", messageId)
        .replace("hi everyone!", text);
  }

  static String twilioText(String sid, String body) {
    return "SmsMessageSid=" + sid + "&NumMedia=0&SmsStatus=received&Body=" + body
        + "&To=whatsapp%3A%2B14123456789&MessageSid=" + sid + "&AccountSid=ACfuzz&From=whatsapp%3A%2B31612345678";
  }

  static byte[] mutate(byte[] seed, Random rnd) {
    byte[] b = seed;
    int ops = 1 + rnd.nextInt(3);
    for (int i = 0; i < ops; i++) {
      b = switch (rnd.nextInt(8)) {
        case 0 -> flip(b, rnd);
        case 1 -> cut(b, rnd);
        case 2 -> duplicate(b, rnd);
        case 3 -> insert(b, rnd.nextInt(b.length + 1), TOKENS.get(rnd.nextInt(TOKENS.size())));
        case 4 -> java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        case 5 -> replace(b, STRING, TOKENS.get(rnd.nextInt(TOKENS.size())), rnd);
        case 6 -> replace(b, NUMBER, TOKENS.get(10 + rnd.nextInt(4)), rnd);
        default -> wrap(b, 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 3000));
      };
    }
    return b;
  }

  private static byte[] flip(byte[] b, Random rnd) {
    if (b.length == 0) {
      return b;
    }
    byte[] out = b.clone();
    out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
    return out;
  }

  private static byte[] cut(byte[] b, Random rnd) {
    if (b.length < 2) {
      return b;
    }
    int from = rnd.nextInt(b.length);
    int to = Math.min(b.length, from + 1 + rnd.nextInt(Math.max(1, b.length / 4)));
    return Buffer.buffer().appendBytes(b, 0, from).appendBytes(b, to, b.length - to).getBytes();
  }

  private static byte[] duplicate(byte[] b, Random rnd) {
    if (b.length == 0) {
      return b;
    }
    int from = rnd.nextInt(b.length);
    int len = Math.min(b.length - from, 1 + rnd.nextInt(64));
    return insert(b, rnd.nextInt(b.length + 1), java.util.Arrays.copyOfRange(b, from, from + len));
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    return Buffer.buffer().appendBytes(b, 0, at).appendBytes(what).appendBytes(b, at, b.length - at).getBytes();
  }

  private static byte[] replace(byte[] b, Pattern p, byte[] with, Random rnd) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    Matcher m = p.matcher(s);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return b;
    }
    int[] span = spans.get(rnd.nextInt(spans.size()));
    return Buffer.buffer().appendBytes(b, 0, span[0]).appendBytes(with).appendBytes(b, span[1], b.length - span[1])
        .getBytes();
  }

  private static byte[] wrap(byte[] b, int depth) {
    return Buffer.buffer("[".repeat(depth)).appendBytes(b).appendString("]".repeat(depth)).getBytes();
  }
}
