package com.mmorpg.auth.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.mmorpg.auth.token.TokenResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "accounts", description = "Register and log in; both answer a token pair")
class AuthController {

    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "Create an account and start a session",
            description = "username 3-20 of [A-Za-z0-9_] (unique regardless of case), password 8-72 bytes")
    @ApiResponse(responseCode = "201", description = "The account's first token pair")
    @ApiResponse(responseCode = "409", description = "USERNAME_TAKEN")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: too many registrations from this address (Retry-After), "
            + "or too many password checks waiting for it")
    @ApiResponse(responseCode = "503", description = "SERVER_BUSY: the password-hashing queue is full (Retry-After)")
    @PostMapping("/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        return TokenResponse.of(accounts.register(request.username(), request.password(), http.getRemoteAddr()));
    }

    @Operation(summary = "Log in: a new session (at most 10 per account; the least recently used one ends)")
    @ApiResponse(responseCode = "200", description = "A new token pair")
    @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS: unknown user or wrong password (the same answer, "
            + "in the same time)")
    @ApiResponse(responseCode = "403", description = "ACCOUNT_BANNED {banned_until}: only after the right password")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: too many logins from this address; TOO_MANY_ATTEMPTS: "
            + "this address used its failures for this username (Retry-After)")
    @ApiResponse(responseCode = "503", description = "SERVER_BUSY: the password-hashing queue is full (Retry-After)")
    @PostMapping("/auth/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return TokenResponse.of(accounts.login(request.username(), request.password(), http.getRemoteAddr()));
    }
}
