package com.mmorpg.auth.item;

import com.mmorpg.common.internal.Items;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Item ids for map servers ({@code X-Internal-Key}, as every {@code /internal/**} path). */
@RestController
@Tag(name = "internal: items", description = "For map servers (X-Internal-Key)")
class InternalItemController {

    private final ItemBooks books;

    InternalItemController(ItemBooks books) {
        this.books = books;
    }

    @Operation(summary = "A block of fresh item ids",
            description = "Ids first to first + count - 1 are the caller's to give to items it creates; never handed out twice")
    @ApiResponse(responseCode = "200", description = "{first, count}")
    @PostMapping(Items.ID_BLOCK_PATH)
    Items.Block block() {
        return books.block();
    }
}
