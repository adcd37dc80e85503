package com.conecta.hub.foundation.web;

/** Someone who reads the hub in a language of their choice ("es" or "en"); errors answer them in it. */
public interface HasLanguage {
  String locale();
}
