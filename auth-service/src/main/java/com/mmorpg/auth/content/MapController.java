package com.mmorpg.auth.content;

import com.mmorpg.content.GameMap;
import com.mmorpg.content.WorldContent;
import com.mmorpg.service.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * The maps as clients draw them and the item types they show, public and cacheable: what a map server simulates, from the same
 * content folder. The ETag is the content version, so a client revalidates with {@code If-None-Match}
 * and gets 304 until the content changes ({@code map_version} of {@code enter_world_success} is the same
 * value). Only the files maps are drawn from are served, as they were when the service started.
 */
@RestController
@Tag(name = "maps", description = "The world's maps as clients draw them (public, cacheable)")
class MapController {

    /** Revalidate after a minute: the version changes only when the services restart on new content. */
    private static final CacheControl CACHE = CacheControl.maxAge(60, TimeUnit.SECONDS).cachePublic().mustRevalidate();
    private static final Map<String, MediaType> TYPES = Map.of("json", MediaType.APPLICATION_JSON, "tmj", MediaType.APPLICATION_JSON,
            "tsj", MediaType.APPLICATION_JSON, "png", MediaType.IMAGE_PNG, "jpg", MediaType.IMAGE_JPEG, "jpeg", MediaType.IMAGE_JPEG,
            "gif", MediaType.IMAGE_GIF, "webp", MediaType.parseMediaType("image/webp"));

    private final WorldContent content;
    private final String etag;

    MapController(WorldContent content) {
        this.content = content;
        this.etag = "\"" + content.version() + "\"";
    }

    record MapEntry(String id, String name, String url, String source) {
    }

    record MapIndex(String version, List<MapEntry> maps) {
    }

    @Operation(summary = "Every map of the world and the content version",
            description = "url: the map as clients draw it; source: the file it was made from (our JSON or Tiled's)")
    @ApiResponse(responseCode = "200", description = "The maps; ETag: the content version")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current version")
    @GetMapping("/maps")
    ResponseEntity<MapIndex> maps(WebRequest request) {
        if (request.checkNotModified(etag)) {
            return null;
        }
        List<MapEntry> maps = content.maps().values().stream().map(map -> new MapEntry(String.valueOf(map.id()), map.name(),
                "/maps/" + map.id(), "/content/" + content.mapFile(map.id()))).toList();
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).body(new MapIndex(content.version(), maps));
    }

    /** An item type as clients show it: what {@code items.json} says of it. */
    record ItemEntry(int id, String key, String name, String kind, String slot, int stack, int level, int attack, int defense,
            int heal, int cooldownTicks) {
    }

    record ItemIndex(String version, List<ItemEntry> items) {
    }

    @Operation(summary = "Every item type of the world and the content version",
            description = "What inventories, loot on the ground and trades name by type_id: names, kinds, worn slots, stacks, "
                    + "level requirements and stats")
    @ApiResponse(responseCode = "200", description = "The item types; ETag: the content version")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current version")
    @GetMapping("/items")
    ResponseEntity<ItemIndex> items(WebRequest request) {
        if (request.checkNotModified(etag)) {
            return null;
        }
        List<ItemEntry> items = content.items().all().stream().map(type -> new ItemEntry(type.id(), type.key(), type.name(),
                type.kind().key(), type.slot() == null ? null : type.slot().key(), type.stack(), type.level(), type.attack(),
                type.defense(), type.heal(), type.cooldownTicks())).toList();
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).body(new ItemIndex(content.version(), items));
    }

    @Operation(summary = "A map as clients draw it: rows of tile characters, legend, blocked characters, spawn, gates, "
            + "mob zones, safe zones (a Tiled map's collision grid, and its source file)")
    @ApiResponse(responseCode = "200", description = "The map; ETag: the content version")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current version")
    @ApiResponse(responseCode = "404", description = "MAP_NOT_FOUND")
    @GetMapping("/maps/{id}")
    ResponseEntity<String> map(@PathVariable String id, WebRequest request) {
        GameMap map = content.maps().get(mapId(id));
        if (map == null) {
            throw notFound("The world has no map " + id);
        }
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(map.definition());
    }

    @Operation(summary = "A file a map is drawn from: its .json or .tmj, and a Tiled map's tilesets and images",
            description = "Paths as in the content folder, so a Tiled file's relative references resolve: /content/maps/3.tmj "
                    + "names dungeon.tsj, at /content/maps/dungeon.tsj")
    @ApiResponse(responseCode = "200", description = "The file's bytes (JSON or an image); ETag: the content version")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current version")
    @ApiResponse(responseCode = "404", description = "MAP_FILE_NOT_FOUND: no map is drawn from such a file")
    @GetMapping("/content/{*path}")
    ResponseEntity<byte[]> file(@PathVariable String path, WebRequest request) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        byte[] bytes = content.mapAssets().get(relative);
        if (bytes == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "MAP_FILE_NOT_FOUND", "No map is drawn from a file of that name");
        }
        if (request.checkNotModified(etag)) {
            return null;
        }
        String extension = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE)
                .contentType(TYPES.getOrDefault(extension, MediaType.APPLICATION_OCTET_STREAM))
                .header("X-Content-Type-Options", "nosniff").body(bytes);
    }

    private static int mapId(String id) {
        if (id.length() > 9 || !id.chars().allMatch(Character::isDigit) || id.isEmpty()) {
            throw notFound("The world has no map " + (id.length() > 12 ? id.substring(0, 12) + "..." : id).replaceAll("[^0-9A-Za-z._-]", "?"));
        }
        return Integer.parseInt(id);
    }

    private static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, "MAP_NOT_FOUND", message);
    }
}
