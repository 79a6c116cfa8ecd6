"""The bot's features, one cog each: chat, score commands, knowledge base administration."""
