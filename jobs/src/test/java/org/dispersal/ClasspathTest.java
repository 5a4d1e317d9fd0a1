package org.dispersal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The build promises one Hadoop version and one Scala binary version on the class path. */
class ClasspathTest {
  private static final Pattern JAR = Pattern.compile("([a-z0-9._-]+?)-(\\d+\\.\\d+[^/]*?)\\.jar");

  private static Map<String, Set<String>> versionsOf(Pattern artifact) {
    Map<String, Set<String>> found = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Matcher m = JAR.matcher(new File(entry).getName());
      if (m.matches() && artifact.matcher(m.group(1)).matches()) {
        found.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
      }
    }
    return found;
  }

  @Test
  void oneHadoopVersion() {
    Map<String, Set<String>> hadoop = versionsOf(Pattern.compile("hadoop-.*"));
    assertThat(hadoop).isNotEmpty();
    Set<String> versions = new TreeSet<>();
    hadoop.values().forEach(versions::addAll);
    assertThat(versions).as("Hadoop jars %s", hadoop).hasSize(1);
  }

  @Test
  void oneScalaBinaryVersion() {
    Set<String> suffixes = new TreeSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Matcher m = Pattern.compile(".*_(2\\.1[0-3])-[^/]*\\.jar").matcher(new File(entry).getName());
      if (m.matches()) {
        suffixes.add(m.group(1));
      }
    }
    assertThat(suffixes).containsExactly("2.13");
    assertThat(versionsOf(Pattern.compile("scala-library"))).hasSize(1);
    assertThat(versionsOf(Pattern.compile("scala-library")).get("scala-library")).hasSize(1);
  }
}
