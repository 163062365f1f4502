vim.g.mapleader = " "
require("options")
require("keymaps")
