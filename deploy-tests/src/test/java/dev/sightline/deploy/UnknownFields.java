package dev.sightline.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fields a typed Kubernetes object was read with that its schema does not have. fabric8's models
 * keep such fields in {@code additionalProperties} instead of failing (the API server would
 * reject or silently drop them), so a misspelt {@code readinesProbe} is found by walking the
 * object for non-empty ones.
 */
final class UnknownFields {
  private UnknownFields() {}

  /** Paths such as {@code spec.template.spec.containers[0].readinesProbe}; empty when none. */
  static List<String> of(Object model) {
    List<String> out = new ArrayList<>();
    walk(model, "", out);
    return out;
  }

  private static void walk(Object value, String path, List<String> out) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", out);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "[" + k + "]", out));
      return;
    }
    if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      String name = getter.getName();
      if (name.equals("getAdditionalProperties")) {
        Map<?, ?> extra = (Map<?, ?>) invoke(getter, value);
        if (extra != null) {
          extra.keySet().forEach(k -> out.add(join(path, String.valueOf(k))));
        }
      } else if (name.startsWith("get") && name.length() > 3) {
        String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
        walk(invoke(getter, value), join(path, field), out);
      }
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter + ": " + e.getMessage(), e);
    }
  }
}
