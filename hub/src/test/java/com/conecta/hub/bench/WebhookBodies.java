package com.conecta.hub.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The load generator's request bodies: real Cloud API webhooks (the shapes of ../shared/fixtures: text, image, audio,
 * document, video, sticker, location, contacts, button and list replies) in a realistic mix, and delivery receipts,
 * each for the benchmark's number and one of a pool of customers.
 */
final class WebhookBodies {
  private static final String[] TEXTS = {
      "Hola, quisiera una cotización para un equipo de aire acondicionado de 12000 BTU",
      "buenas tardes, ¿tienen cámaras de seguridad para un local en Maipú?",
      "necesito que venga un técnico el jueves, el equipo gotea agua",
      "el internet no funciona desde ayer en la oficina de Providencia",
      "¿dónde viene mi pedido 12345? me dijeron que llegaba hoy",
      "ya hice la transferencia de la factura 3344, les envío el comprobante",
      "quiero hablar con una persona por favor",
      "ok gracias", "hola", "👍", "sí, me interesa",
      "mi RUT es 12.345.678-5 y el presupuesto es de 2 millones aprox",
      "Hi, I need a quote for 4 cameras and an NVR for a warehouse in Quilicura",
      "¿Cuál es el horario de atención el sábado?",
      "Les escribo por la mantención anual de los equipos de la clínica, son 14 splits de 18000 BTU "
          + "instalados en 2021; necesitamos coordinar la visita antes de fin de mes y una cotización de repuestos",
      "no me manden más promociones"};
  /** Fixture shape → weight in the mix (realistic traffic is mostly text). */
  private static final Map<String, Integer> MIX = Map.of("text.json", 58, "image.json", 8, "audio-voice.json", 7,
      "document.json", 5, "video-with-caption.json", 3, "sticker.json", 3, "location.json", 4, "contacts.json", 3,
      "interactive-button-reply.json", 5, "interactive-list-reply.json", 4);
  /** Customers are 569 followed by this number plus their index in the pool, unless a command names another base. */
  static final int DEFAULT_CONTACT_BASE = 20_000_000;

  private final String phoneNumberId;
  private final int contacts;
  private final List<String> mediaIds;
  private final List<JsonObject> shapes = new ArrayList<>();
  /** The text shape alone, for the run that measures the hub's CPU per text message. */
  private final JsonObject textShape;
  /** A delivery receipt (Cloud API {@code statuses}), for the status-receipt run. */
  private final JsonObject statusShape;

  WebhookBodies(JsonObject cfg) throws Exception {
    this.phoneNumberId = cfg.getString("phoneNumberId");
    this.contacts = cfg.getInteger("contacts");
    this.mediaIds = cfg.getJsonArray("mediaIds").stream().map(String::valueOf).toList();
    Path fixtures = Path.of(cfg.getString("fixtures"));
    MIX.forEach((file, weight) -> {
      try {
        JsonObject shape = new JsonObject(Files.readString(fixtures.resolve(file)));
        for (int i = 0; i < weight; i++) {
          shapes.add(shape);
        }
      } catch (Exception e) {
        throw new IllegalStateException("fixture " + file, e);
      }
    });
    textShape = new JsonObject(Files.readString(fixtures.resolve("text.json")));
    statusShape = new JsonObject(Files.readString(fixtures.resolveSibling("status").resolve("delivered-cbp.json")));
  }

  /** One realistic webhook body of the mix; wamid is unique per run and tag. */
  Buffer webhook(SplittableRandom rnd, String wamid, int contactBase) {
    return webhook(rnd, wamid, shapes.get(rnd.nextInt(shapes.size())), contactBase);
  }

  /** A text message's webhook body. */
  Buffer text(SplittableRandom rnd, String wamid, int contactBase) {
    return webhook(rnd, wamid, textShape, contactBase);
  }

  private Buffer webhook(SplittableRandom rnd, String wamid, JsonObject shape, int contactBase) {
    JsonObject body = shape.copy();
    JsonObject value = value(body);
    value.getJsonObject("metadata").put("phone_number_id", phoneNumberId).put("display_phone_number", "56950000000");
    int c = rnd.nextInt(contacts);
    String waId = "569" + (contactBase + c);
    value.getJsonArray("contacts").getJsonObject(0).put("wa_id", waId)
        .put("profile", new JsonObject().put("name", "Cliente " + c));
    JsonObject m = value.getJsonArray("messages").getJsonObject(0);
    m.put("from", waId).put("id", wamid).put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    String type = m.getString("type");
    switch (type) {
      case "text" -> m.getJsonObject("text").put("body", TEXTS[rnd.nextInt(TEXTS.length)]);
      case "image", "audio", "document", "video", "sticker" ->
          m.getJsonObject(type).put("id", mediaIds.get(rnd.nextInt(mediaIds.size())));
      default -> { }
    }
    return body.toBuffer();
  }

  /**
   * The i-th of a run of delivery receipts ({@code sent}, then {@code delivered}, then {@code read}) for the messages
   * {@code wamid.bench.<ofTag>.0 .. count-1}: the receipts that a number's sends bring back, about three per message.
   */
  Buffer receipt(String ofTag, int i, int count) {
    String[] steps = {"sent", "delivered", "read"};
    JsonObject body = statusShape.copy();
    JsonObject value = value(body);
    value.getJsonObject("metadata").put("phone_number_id", phoneNumberId).put("display_phone_number", "56950000000");
    value.getJsonArray("statuses").getJsonObject(0).put("id", "wamid.bench." + ofTag + "." + (i % count))
        .put("status", steps[Math.min(2, i / count)])
        .put("recipient_id", "569" + (DEFAULT_CONTACT_BASE + i % contacts))
        .put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    return body.toBuffer();
  }

  private static JsonObject value(JsonObject body) {
    return body.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0).getJsonObject("value");
  }
}
