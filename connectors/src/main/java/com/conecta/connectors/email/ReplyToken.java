package com.conecta.connectors.email;

import com.conecta.connectors.ThreadRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token we embed in outgoing Message-IDs ({@code <conecta.TOKEN@domain>}) and find again in a customer's
 * reply: the hub's second threading key when a mail client drops the subject or rewrites it.
 */
public final class ReplyToken {
  private static final Pattern TOKEN = Pattern.compile("<?conecta\\.([A-Za-z0-9_-]{1,100})@[^>\\s]+>?");

  private ReplyToken() {}

  public static String messageId(String token, String domain) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{1,100}")) throw new IllegalArgumentException("bad reply token");
    return "<conecta." + token + "@" + domain + ">";
  }

  /** The token from In-Reply-To, else from References (newest first). */
  public static Optional<String> extract(ThreadRef thread) {
    if (thread == null) return Optional.empty();
    List<String> candidates = new ArrayList<>();
    if (thread.inReplyTo() != null) candidates.add(thread.inReplyTo());
    List<String> refs = new ArrayList<>(thread.references());
    Collections.reverse(refs);
    candidates.addAll(refs);
    for (String c : candidates) {
      Matcher m = TOKEN.matcher(c.trim());
      if (m.matches()) return Optional.of(m.group(1));
    }
    return Optional.empty();
  }
}
