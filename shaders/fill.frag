#version 330 core
in vec4 v_colour;
uniform vec4 u_tint;      // per-layer colour multiplier; alpha = layer opacity
uniform float u_solid;    // 1: ignore the per-feature colours (a plain fill in u_tint)
out vec4 o_colour;
void main() {
    o_colour = mix(v_colour, vec4(1.0), u_solid) * u_tint;
}
