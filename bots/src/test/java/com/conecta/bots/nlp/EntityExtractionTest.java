package com.conecta.bots.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EntityExtractionTest {

  // A Wednesday, so "el jueves" is the next day and "next monday" is five days on.
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 18);
  private final EntityExtractor extractor = new EntityExtractor();

  private List<String> values(String text, String type) {
    return extractor.extract(text, TODAY).stream().filter(e -> e.type().equals(type))
        .map(Entity::value).collect(Collectors.toList());
  }

  @Test
  @DisplayName("a RUT with a correct check digit is found with or without dots, a wrong one is not")
  void rutCheckDigit() {
    assertEquals(List.of("12345678-5"), values("mi rut es 12.345.678-5", "rut"));
    assertEquals(List.of("12345678-5"), values("rut 12345678-5 porfa", "rut"));
    assertEquals(List.of(), values("mi rut es 12.345.678-4", "rut"));
    assertEquals("11111111-1", ChileanRut.normalize("11.111.111-1"));
    assertNull(ChileanRut.normalize("11.111.111-2"));
  }

  @Test
  @DisplayName("a Colombian NIT is accepted without a verification digit and checked when one is given")
  void nitVerificationDigit() {
    assertEquals(List.of("900123456-8"), values("NIT 900.123.456-8", "nit"));
    assertEquals(List.of("900123456"), values("nit: 900123456", "nit"));
    assertEquals(List.of(), values("NIT 900.123.456-1", "nit"));
  }

  @Test
  @DisplayName("Chilean, Colombian and Bolivian mobile numbers are normalised to E.164")
  void phones() {
    assertEquals(List.of("+56912345678"), values("llamame al +56 9 1234 5678", "phone"));
    assertEquals(List.of("+56987654321"), values("mi cel 9 8765 4321", "phone"));
    assertEquals(List.of("+573001234567"), values("whatsapp +57 300 123 4567", "phone"));
    assertEquals(List.of("+59171234567"), values("numero +591 71234567", "phone"));
  }

  @Test
  @DisplayName("emails are found and lower-cased")
  void emails() {
    assertEquals(List.of("ana.perez@empresa.cl"), values("escribeme a Ana.Perez@Empresa.cl gracias", "email"));
  }

  @Test
  @DisplayName("amounts in pesos, lucas, millions and dollars are normalised with a currency")
  void amounts() {
    assertEquals(List.of("150000 CLP"), values("tengo $150.000 de presupuesto", "amount"));
    assertEquals(List.of("2000000 CLP"), values("unos 2 millones", "amount"));
    assertEquals(List.of("500000 CLP"), values("500 lucas maximo", "amount"));
    assertEquals(List.of("300 USD"), values("USD 300", "amount"));
    assertEquals(List.of("1500000 COP"), values("1.500.000 COP", "amount"));
    assertEquals(List.of(), values("un inversor de 5kw", "amount"));
  }

  @Test
  @DisplayName("relative and numeric dates resolve against the given today")
  void dates() {
    assertEquals(List.of("2026-11-18"), values("hoy", "date"));
    assertEquals(List.of("2026-11-19"), values("mañana en la tarde", "date"));
    assertEquals(List.of("2026-11-20"), values("pasado manana", "date"));
    assertEquals(List.of("2026-11-19"), values("el jueves", "date"));
    assertEquals(List.of("2026-12-15"), values("el 15/12", "date"));
    assertEquals(List.of("2026-11-23"), values("next monday", "date"));
  }

  @Test
  @DisplayName("communes and cities are found regardless of accents, longest name first")
  void places() {
    assertEquals(List.of("Nunoa|CL"), values("vivo en Ñuñoa", "city"));
    assertEquals(List.of("Medellin|CO"), values("estoy en medellín parce", "city"));
    assertEquals(List.of("Santa Cruz de la Sierra|BO"), values("en santa cruz de la sierra", "city"));
  }

  @Test
  @DisplayName("order and invoice numbers are recognised in Spanish and English")
  void ordersAndInvoices() {
    assertEquals(List.of("12345"), values("pedido 12345 no llega", "order"));
    assertEquals(List.of("A-778"), values("la orden #A-778", "order"));
    assertEquals(List.of("3344"), values("factura 3344", "invoice"));
    assertEquals(List.of("INV-2024-001"), values("invoice INV-2024-001", "invoice"));
    assertTrue(values("pedido 12345", "phone").isEmpty());
  }
}
