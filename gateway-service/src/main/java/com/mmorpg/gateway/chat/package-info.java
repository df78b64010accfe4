/**
 * Chat, parties and presence: {@code Chat} is the front door (presence, mutes, each request to its
 * room: {@code ChatLines}, {@code BlockLists}, {@code PartyRequests}); state and history in Redis
 * ({@code ChatStore}, {@code Parties}); lines cross gateways as {@code ChatEnvelope}s on Redis pub/sub
 * and {@code ChatDelivery} hands them to the players here. Used by {@code connection} through
 * {@code Chat} and {@code Chatter.Link}; it never uses {@code connection} or {@code world}.
 */
package com.mmorpg.gateway.chat;
