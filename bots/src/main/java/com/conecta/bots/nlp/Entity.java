package com.conecta.bots.nlp;

/** Something found in a message: type (email, phone, rut, nit, amount, date, city, order, invoice). */
public record Entity(String type, String value, String text, int start, int end) {}
