-- Canned responses: saved replies agents insert by shortcut (/precio).
create table canned_responses (
  id bigserial primary key,
  short_code text not null unique check (short_code ~ '^[a-z0-9_-]{1,30}$'),
  content text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
insert into canned_responses (short_code, content) values
  ('saludo', 'Hola, gracias por escribirnos. ¿En qué le podemos ayudar?'),
  ('precio', 'Le envío la cotización con precios y plazos de entrega en unos minutos.'),
  ('horario', 'Nuestro horario de atención es de lunes a viernes de 9:00 a 18:00 y sábados de 10:00 a 14:00.'),
  ('gracias', '¡Gracias por preferirnos! Quedamos atentos a cualquier consulta.');
