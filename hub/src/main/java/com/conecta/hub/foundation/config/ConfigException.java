package com.conecta.hub.foundation.config;

/** A configuration value the hub cannot start with; the message names the key and its environment variable. */
public class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super("configuration key '" + key + "' (" + ConfigLoader.envName(key) + "): " + problem);
  }
}
