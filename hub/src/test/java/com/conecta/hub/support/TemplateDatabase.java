package com.conecta.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.flywaydb.core.Flyway;

/**
 * A database with every migration applied, made once per set of migrations on a test server, that each test class
 * clones ({@code CREATE DATABASE x TEMPLATE t}, a file copy) instead of running the migrations again. The template's
 * name carries a hash of the migration files' names and contents, so a changed or added migration makes a new one;
 * test JVMs that start together (surefire forks, other checkouts on the same server) build it once under an advisory
 * lock, and a half-built template is never cloned because it only gets its name once it is complete.
 */
final class TemplateDatabase {
  private static final String LOCATION = "db/migration";
  /** Any fixed number: the advisory lock that serialises building templates on one server. */
  private static final long LOCK_KEY = 0x636f6e65637461L;

  private TemplateDatabase() {}

  /** The name of the template for the migrations on the class path, built first when the server lacks it. */
  static String ensure(String jdbcServer) {
    String name = "conecta_tpl_" + migrationsHash().substring(0, 16);
    try (Connection c = DriverManager.getConnection(jdbcServer + "postgres", "postgres", "postgres")) {
      if (exists(c, name)) {
        return name;
      }
      try (Statement s = c.createStatement()) {
        s.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
        try {
          if (!exists(c, name)) {
            build(c, s, jdbcServer, name);
          }
        } finally {
          s.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
        }
      }
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make the migrated template database on " + jdbcServer, e);
    }
  }

  private static void build(Connection c, Statement s, String jdbcServer, String name) throws SQLException {
    String building = name + "_building";
    // Left over by a JVM that died while building: nobody else builds without the lock.
    s.execute("drop database if exists " + building);
    s.execute("create database " + building);
    Flyway.configure().dataSource(jdbcServer + building, "postgres", "postgres").locations("classpath:" + LOCATION)
        .load().migrate();
    s.execute("alter database " + building + " rename to " + name);
    // Only the owner (or a superuser) may clone a database that is not marked as a template.
    s.execute("alter database " + name + " with is_template true");
  }

  private static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /** SHA-256 over every migration file's name and bytes, in name order. */
  static String migrationsHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> file : migrationFiles().entrySet()) {
        digest.update(file.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.getValue());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, byte[]> migrationFiles() {
    Map<String, byte[]> files = new TreeMap<>();
    try {
      var urls = TemplateDatabase.class.getClassLoader().getResources(LOCATION);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        if ("file".equals(url.getProtocol())) {
          Path dir = Paths.get(url.toURI());
          try (var paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
              files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
          }
        } else if ("jar".equals(url.getProtocol())) {
          JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
          for (JarEntry e : java.util.Collections.list(jar.entries())) {
            if (!e.isDirectory() && e.getName().startsWith(LOCATION + "/")) {
              try (InputStream in = jar.getInputStream(e)) {
                files.put(e.getName(), in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no migrations under " + LOCATION + " on the class path");
    }
    return files;
  }
}
