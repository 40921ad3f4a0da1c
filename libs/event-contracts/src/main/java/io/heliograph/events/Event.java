package io.heliograph.events;


/** A record carried on a platform topic. Every permitted type is registered in {@link EventCodec}. */
public sealed interface Event permits AuthorizationGranted, AuthorizationReset, BotUpdate, BoxCommand, ChannelInterest, ChannelPost,
        CrossDcCommand, FileStored, PeerEffect, SecretChatMessage, SessionDelivery, SessionPresence, UserUpdate {
}
