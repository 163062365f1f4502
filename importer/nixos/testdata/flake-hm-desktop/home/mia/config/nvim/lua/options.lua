vim.opt.number = true
vim.opt.relativenumber = true
vim.opt.expandtab = true
