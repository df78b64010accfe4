/**
 * The gateway's typed, validated configuration ({@code gateway.*}) and the beans built from it
 * (token codecs, internal clients). Used by every room; uses none.
 */
package com.mmorpg.gateway.config;
