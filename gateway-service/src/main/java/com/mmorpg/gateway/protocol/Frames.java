package com.mmorpg.gateway.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;

/** The gateway protocol in one place: every frame is {@code {"event": "...", "data": {...}}}. */
@Component
public class Frames {

    /** A parsed client frame; {@code data} is an object node, possibly empty. */
    public record Incoming(String event, JsonNode data) {

        /** A required id that may come as a JSON string or integer; null when absent or of another type. */
        public String id(String field) {
            JsonNode value = data.get(field);
            if (value == null) {
                return null;
            }
            if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
                return String.valueOf(value.asLong());
            }
            if (value.isString() && value.asString().matches("[1-9][0-9]{0,18}")) {
                return value.asString();
            }
            return null;
        }

        /** A string field of any length (a frame is at most {@code max-frame-bytes}); null when absent or another type. */
        public String string(String field) {
            JsonNode value = data.get(field);
            return value != null && value.isString() ? value.asString() : null;
        }

        /** A string field of at most {@code maxLength} characters; null when absent, another type or longer. */
        public String text(String field, int maxLength) {
            JsonNode value = data.get(field);
            return value != null && value.isString() && value.asString().length() <= maxLength ? value.asString() : null;
        }
    }

    public static final class MalformedFrameException extends Exception {
        MalformedFrameException(String message) {
            super(message, null, false, false);
        }
    }

    private final JsonMapper json;

    public Frames(JsonMapper json) {
        this.json = json;
    }

    public Incoming parse(String payload) throws MalformedFrameException {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (RuntimeException e) {
            throw new MalformedFrameException("Malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedFrameException("A message is a JSON object {\"event\": ..., \"data\": {...}}");
        }
        JsonNode event = root.get("event");
        if (event == null || !event.isString() || event.asString().isBlank()) {
            throw new MalformedFrameException("\"event\" must be a string");
        }
        JsonNode data = root.get("data");
        if (data == null || data.getNodeType() == JsonNodeType.NULL) {
            data = json.createObjectNode();
        } else if (!data.isObject()) {
            throw new MalformedFrameException("\"data\" must be an object");
        }
        return new Incoming(event.asString(), data);
    }

    public String event(String event, Object data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("event", event);
        frame.put("data", data);
        return json.writeValueAsString(frame);
    }

    /** {@code value} as JSON (a frame's {@code data}, kept to be sent again later: chat history). */
    public String json(Object value) {
        return json.writeValueAsString(value);
    }

    /** A frame around {@code dataJson}, which {@link #json} wrote: chat lines are written once and sent as they are. */
    public String wrap(String event, String dataJson) {
        return "{\"event\":" + json.writeValueAsString(event) + ",\"data\":" + dataJson + "}";
    }

    /** JSON that {@link #json} wrote, read back (chat history from Redis). */
    public JsonNode read(String stored) {
        return json.readTree(stored);
    }

    public String error(String code, String message) {
        return event("error", Map.of("code", code, "message", message));
    }
}
