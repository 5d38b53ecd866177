package dev.sightline.receivers.prometheus.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelabelerTest {

  private static List<RelabelRule> rules(String yaml) throws Exception {
    Object parsed = new com.fasterxml.jackson.databind.ObjectMapper(
        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readValue(yaml, Object.class);
    return ScrapeConfigParser.rules(parsed, "relabel_configs");
  }

  @Test
  void appliesEachActionAsPrometheusDoes() throws Exception {
    List<RelabelRule> r = rules("""
        - {source_labels: [a, b], separator: '-', regex: '(.*)-(.*)', target_label: ab, replacement: '${2}_$1'}
        - {source_labels: [__address__], modulus: 4, target_label: shard, action: hashmod}
        - {regex: 'meta_(.+)', action: labelmap, replacement: 'm_$1'}
        - {regex: 'meta_.*', action: labeldrop}
        - {source_labels: [up], target_label: up_lower, action: lowercase}
        - {source_labels: [missing], target_label: a}
        """);
    Map<String, String> out = Relabeler.apply(Map.of("a", "x", "b", "y", "__address__", "host:9100",
        "meta_zone", "eu", "up", "LOUD"), r);
    assertThat(out).containsEntry("ab", "y_x").containsEntry("m_zone", "eu").containsEntry("up_lower", "loud")
        .doesNotContainKey("meta_zone").doesNotContainKey("a");
    assertThat(out.get("shard")).isIn("0", "1", "2", "3");
  }

  @Test
  void keepAndDropDecideOnTheAnchoredRegex() throws Exception {
    List<RelabelRule> keep = rules("[{source_labels: [__name__], regex: 'http_.*', action: keep}]");
    assertThat(Relabeler.apply(Map.of("__name__", "http_requests"), keep)).isNotNull();
    assertThat(Relabeler.apply(Map.of("__name__", "xhttp_requests"), keep)).isNull();
    List<RelabelRule> dropEqual = rules("[{source_labels: [a], target_label: b, action: dropequal}]");
    assertThat(Relabeler.apply(Map.of("a", "1", "b", "1"), dropEqual)).isNull();
    assertThat(Relabeler.apply(Map.of("a", "1", "b", "2"), dropEqual)).isNotNull();
  }

  @Test
  void badRulesNameTheirPath() {
    assertThatThrownBy(() -> rules("[{action: explode}]")).hasMessageStartingWith("relabel_configs[0].action: unknown action 'explode'");
    assertThatThrownBy(() -> rules("[{regex: '(', target_label: x}]")).hasMessageStartingWith("relabel_configs[0].regex: invalid regular expression");
    assertThatThrownBy(() -> rules("[{action: hashmod, target_label: x}]")).hasMessageContaining("modulus");
    assertThatThrownBy(() -> ScrapeConfigParser.parse(List.of(Map.of("job_name", "a", "scrape_interval", "soon")),
        Duration.ofMinutes(1), Duration.ofSeconds(10))).hasMessage("scrape_configs[0].scrape_interval: 'soon' is not a duration such as 15s, 1m or 1h30m");
  }
}
