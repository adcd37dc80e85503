package com.conecta.connectors.webform;

import static org.junit.jupiter.api.Assertions.*;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.InboundMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Web-form submissions are validated and become inbound messages")
class WebFormSubmissionTest {
  private final FormCatalogue catalogue = FormCatalogue.load(Path.of("../config/forms.yaml"));
  private final FormSubmissionValidator validator = new FormSubmissionValidator();

  private Map<String, String> quote() {
    Map<String, String> m = new HashMap<>();
    m.put("name", " Ana Pérez ");
    m.put("email", "Ana@Empresa.CL");
    m.put("phone", "9 8765 4321");
    m.put("product", "seguridad");
    m.put("quantity", "12");
    m.put("utm_source", "google");
    m.put("utm_campaign", "camaras-nov");
    m.put("campaign", "black-friday");
    return m;
  }

  @Test
  @DisplayName("the shipped forms.yaml has the contact and quote forms")
  void shippedForms() {
    assertTrue(catalogue.find("contact").isPresent());
    assertEquals("web", catalogue.find("quote").orElseThrow().inbox());
  }

  @Test
  @DisplayName("a valid quote becomes a webform message with email and E.164 phone identities, summary and utm")
  void validSubmission() {
    var result = validator.validate(catalogue.find("quote").orElseThrow(), quote());
    FormSubmission s = assertInstanceOf(ValidationResult.Valid.class, result).submission();
    InboundMessage m = s.toInboundMessage("COT-7K3Q9", Instant.parse("2026-11-22T10:00:00Z"));
    assertEquals("webform", m.channel());
    assertEquals("quote", m.channelAccountId());
    assertEquals(List.of(new ChannelIdentity("email", "ana@empresa.cl"), new ChannelIdentity("phone", "+56987654321")),
        m.sender().identities());
    assertEquals("Ana Pérez", m.sender().name());
    assertTrue(m.text().contains("Producto de interés: Cámaras y seguridad"), m.text());
    assertTrue(m.text().contains("COT-7K3Q9"));
    assertEquals("google", m.content().getJsonObject("tracking").getString("utm_source"));
    assertEquals("black-friday", m.content().getJsonObject("tracking").getString("campaign"));
    assertEquals("seguridad", m.content().getString("interest"));
  }

  @Test
  @DisplayName("the same idempotency key gives the same submission id; without one ids differ")
  void stableIds() {
    FormSubmission s = ((ValidationResult.Valid) validator.validate(catalogue.find("quote").orElseThrow(), quote())).submission();
    Instant now = Instant.now();
    assertEquals(s.toInboundMessage("X", now, "k1").providerMessageId(), s.toInboundMessage("X", now, "k1").providerMessageId());
    assertNotEquals(s.toInboundMessage("X", now).providerMessageId(), s.toInboundMessage("X", now).providerMessageId());
  }

  @Test
  @DisplayName("required, too long, bad email, bad phone, unknown choice and non-number are each reported")
  void fieldErrors() {
    Map<String, String> m = quote();
    m.remove("name");
    m.put("email", "ana@");
    m.put("phone", "12");
    m.put("product", "drones");
    m.put("quantity", "muchos");
    m.put("details", "x".repeat(2001));
    var errors = assertInstanceOf(ValidationResult.Invalid.class, validator.validate(catalogue.find("quote").orElseThrow(), m)).errors();
    assertEquals(Map.of("name", "required", "email", "invalid_email", "phone", "invalid_phone", "product", "invalid_choice",
        "quantity", "invalid_number", "details", "too_long"),
        errors.stream().collect(java.util.stream.Collectors.toMap(FieldError::field, FieldError::code)));
  }

  @Test
  @DisplayName("a filled honeypot is spam, not an error")
  void honeypot() {
    Map<String, String> m = quote();
    m.put("website", "http://spam.example");
    assertInstanceOf(ValidationResult.Spam.class, validator.validate(catalogue.find("quote").orElseThrow(), m));
  }

  @Test
  @DisplayName("Chilean, Colombian, Bolivian and international numbers normalise to E.164")
  void phones() {
    assertEquals("+56912345678", PhoneNumbers.toE164("+56 9 1234 5678", "CL").orElseThrow());
    assertEquals("+573001234567", PhoneNumbers.toE164("300 123 4567", "CO").orElseThrow());
    assertEquals("+59171234567", PhoneNumbers.toE164("71234567", "BO").orElseThrow());
    assertEquals("+5491122334455", PhoneNumbers.toE164("0054 9 11 2233 4455", "CL").orElseThrow());
    assertTrue(PhoneNumbers.toE164("123", "CL").isEmpty());
  }

  @Test
  @DisplayName("a generated reference code is found again in a later WhatsApp text")
  void referenceCodeRoundTrip() {
    String code = new ReferenceCode(new Random(7)).generate("cnt");
    assertTrue(code.matches("CNT-[23456789ABCDEFGHJKMNPQRSTWXYZ]{5}"), code);
    assertEquals(code, ReferenceCode.findIn("hola, mi código es " + code.toLowerCase() + " gracias").orElseThrow());
    assertTrue(ReferenceCode.findIn("sin código").isEmpty());
  }

  @Test
  @DisplayName("click-to-chat links keep only digits and percent-encode the text")
  void clickToChat() {
    assertEquals("https://wa.me/56912345678?text=Hola%2C%20c%C3%B3digo%20CNT-7K3Q9%20%26%20m%C3%A1s",
        ClickToChatLink.build("+56 9 1234 5678", "Hola, código CNT-7K3Q9 & más"));
    FormSubmission s = ((ValidationResult.Valid) validator.validate(catalogue.find("quote").orElseThrow(), quote())).submission();
    assertTrue(s.whatsappRedirect("es", "COT-AAAAA").startsWith("https://wa.me/56950000001?text="));
  }

  @Test
  @DisplayName("a bad forms.yaml fails with a message naming the form and field")
  void loaderErrors() {
    var e1 = assertThrows(FormCatalogueException.class, () -> FormCatalogue.parse("forms:\n  x:\n    title: {es: X}\n    fields: []\n"));
    assertTrue(e1.getMessage().contains("'inbox' is required"), e1.getMessage());
    var e2 = assertThrows(FormCatalogueException.class, () -> FormCatalogue.parse(
        "forms:\n  x:\n    inbox: web\n    title: {es: X}\n    fields:\n      - {name: a, type: colour, label: {es: A}}\n"));
    assertTrue(e2.getMessage().contains("field 'a'") && e2.getMessage().contains("unknown type"), e2.getMessage());
    assertThrows(FormCatalogueException.class, () -> FormCatalogue.parse("forms: [unclosed"));
    assertThrows(FormCatalogueException.class, () -> FormCatalogue.parse("forms:\n  x:\n    inbox: web\n    title: {en: X}\n    fields:\n      - {name: a, type: text, label: {es: A}}\n"));
  }
}
