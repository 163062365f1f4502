vim.keymap.set("n", "<leader>ff", "<cmd>Telescope find_files<cr>")
