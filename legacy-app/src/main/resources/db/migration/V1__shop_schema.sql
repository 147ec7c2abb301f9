-- Legacy shop schema (public). Owned by the app; applied by Flyway at startup.

create table customers (
    id               bigserial primary key,
    name             varchar(200) not null,
    email            varchar(320) not null unique,
    shipping_address varchar(500) not null,
    created_at       timestamptz  not null
);

create table products (
    id             bigserial primary key,
    sku            varchar(64)   not null unique,
    name           varchar(200)  not null,
    price          numeric(12,2) not null check (price >= 0),
    stock_on_hand  integer       not null check (stock_on_hand >= 0),
    stock_reserved integer       not null default 0 check (stock_reserved >= 0),
    created_at     timestamptz   not null,
    constraint products_reserved_within_on_hand check (stock_reserved <= stock_on_hand)
);

create table orders (
    id           bigserial primary key,
    customer_id  bigint        not null references customers (id),
    status       varchar(16)   not null check (status in ('PENDING', 'CONFIRMED', 'CANCELLED', 'SHIPPED')),
    total        numeric(12,2) not null,
    placed_at    timestamptz   not null,
    confirmed_at timestamptz,
    cancelled_at timestamptz,
    shipped_at   timestamptz,
    updated_at   timestamptz   not null
);
create index orders_status_idx on orders (status);
create index orders_customer_idx on orders (customer_id);

create table order_lines (
    id          bigserial primary key,
    order_id    bigint        not null references orders (id),
    line_no     integer       not null,
    product_id  bigint        not null references products (id),
    quantity    integer       not null check (quantity > 0),
    unit_price  numeric(12,2) not null,
    line_total  numeric(12,2) not null,
    unique (order_id, line_no)
);

create table loyalty_ledger (
    id          bigserial primary key,
    customer_id bigint      not null references customers (id),
    order_id    bigint      references orders (id),
    points      integer     not null,
    reason      varchar(32) not null,
    created_at  timestamptz not null
);
create index loyalty_ledger_customer_idx on loyalty_ledger (customer_id);

create table stock_movements (
    id         bigserial primary key,
    product_id bigint      not null references products (id),
    order_id   bigint      references orders (id),
    kind       varchar(16) not null check (kind in ('RECEIVED', 'ADJUSTED', 'RESERVED', 'RELEASED', 'SHIPPED')),
    quantity   integer     not null,
    reason     varchar(200),
    at         timestamptz not null
);
create index stock_movements_product_idx on stock_movements (product_id);

create table audit_log (
    id          bigserial primary key,
    entity      varchar(32) not null,
    entity_id   bigint      not null,
    action      varchar(32) not null,
    from_status varchar(16),
    to_status   varchar(16),
    at          timestamptz not null
);
create index audit_log_entity_idx on audit_log (entity, entity_id);
