package com.conecta.hub.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's run command with nothing configured: the node starts its own PostgreSQL and Redis. Stopping it must
 * stop the node first (hand back its claims, close its pools) and only then its database, not both at once.
 */
@DisplayName("A node on its embedded PostgreSQL and Redis")
class EmbeddedServersStopTest {

  @Test
  @DisplayName("stops cleanly on SIGTERM: the node finishes its stop while its database still runs, then the database "
      + "stops")
  void stopsTheNodeBeforeItsDatabase() throws Exception {
    HubProcess node = new HubProcess("", "", "embedded-stop:", Map.of());
    node.start();
    Path pid = node.dataDir().resolve("postgres").resolve("postmaster.pid");
    assertTrue(Files.exists(pid), "the embedded PostgreSQL runs from the node's data folder");
    assertTrue(node.stop(), "the node ended by itself within the time");
    String log = Files.readString(node.log(), StandardCharsets.UTF_8);
    assertTrue(log.contains("stopping: finishing in-flight requests"), "the graceful stop ran");
    assertFalse(log.contains("stop was not clean"), "the node's stop failed (its database went first?); see " + node.log());
    assertFalse(log.contains("Connection refused"), "the node lost its database while stopping; see " + node.log());
    assertFalse(Files.exists(pid), "the embedded PostgreSQL stopped with the node");
  }

  @Test
  @DisplayName("that cannot start (its port is taken) exits with an error and stops the database it had started")
  void aFailedStartExitsAndStopsItsDatabase() throws Exception {
    HubProcess node = new HubProcess("", "", "embedded-fail:", Map.of());
    try (ServerSocket taken = new ServerSocket(node.port(), 50, InetAddress.getByName("127.0.0.1"))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, node::start, "the node became ready");
      assertTrue(e.getMessage().contains("exited with 1"), e.getMessage());
    }
    String log = Files.readString(node.log(), StandardCharsets.UTF_8);
    assertTrue(log.contains("cannot start: Address already in use"), "the error names the cause; see " + node.log());
    assertTrue(Files.isDirectory(node.dataDir().resolve("postgres")), "the embedded PostgreSQL had started");
    assertFalse(Files.exists(node.dataDir().resolve("postgres").resolve("postmaster.pid")),
        "the embedded PostgreSQL was left running");
  }
}
