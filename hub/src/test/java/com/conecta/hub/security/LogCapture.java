package com.conecta.hub.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** Everything the hub logs (all levels that reach the root logger) while a test class runs, as text to search. */
final class LogCapture extends AppenderBase<ILoggingEvent> {
  private final StringBuffer text = new StringBuffer();
  private ch.qos.logback.classic.Level previous;

  static LogCapture begin() {
    LogCapture capture = new LogCapture();
    capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    capture.setName("test-capture");
    capture.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(capture);
    // The hub's own debug lines too: a secret at debug level is a secret in someone's log.
    capture.previous = ((Logger) LoggerFactory.getLogger("com.conecta")).getLevel();
    ((Logger) LoggerFactory.getLogger("com.conecta")).setLevel(ch.qos.logback.classic.Level.DEBUG);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent e) {
    text.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ").append(e.getFormattedMessage())
        .append('\n');
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append("  ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
    }
  }

  String text() {
    return text.toString();
  }

  @Override
  public void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
    ((Logger) LoggerFactory.getLogger("com.conecta")).setLevel(previous);
    super.stop();
  }
}
